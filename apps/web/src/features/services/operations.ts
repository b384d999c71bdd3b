import { graphql } from "../../gql";

export const ServicesListQuery = graphql(`
  query ServicesList {
    services {
      id
      name
      comment
      valid
      isDefault
    }
  }
`);

export const ServiceQuery = graphql(`
  query Service($id: ID!) {
    service(id: $id) {
      id
      name
      comment
      valid
      isDefault
    }
  }
`);

export const CreateServiceMutation = graphql(`
  mutation CreateService($input: ServiceInput!) {
    createService(input: $input) {
      id
      name
      comment
      valid
      isDefault
    }
  }
`);

export const UpdateServiceMutation = graphql(`
  mutation UpdateService($id: ID!, $input: ServiceInput!) {
    updateService(id: $id, input: $input) {
      id
      name
      comment
      valid
      isDefault
    }
  }
`);

export const DefaultServicesQuery = graphql(`
  query DefaultServices {
    defaultServices {
      id
    }
    settings {
      defaultServicesMode
    }
  }
`);

export const SetDefaultServicesMutation = graphql(`
  mutation SetDefaultServices($serviceIds: [ID!]!) {
    setDefaultServices(serviceIds: $serviceIds) {
      id
      isDefault
    }
  }
`);
